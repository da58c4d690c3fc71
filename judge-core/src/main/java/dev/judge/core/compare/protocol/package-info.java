/**
 * What checker programs of the common formats report, decoded into a {@link dev.judge.core.compare.Comparison}:
 * {@link dev.judge.core.compare.protocol.TestlibProtocol} for testlib checkers (Codeforces, Polygon) and
 * {@link dev.judge.core.compare.protocol.OutputValidatorProtocol} for Kattis and DOMjudge output validators.
 * Pure functions of the exit code and the bytes the checker wrote; running the checker is the pipeline's part.
 */
package dev.judge.core.compare.protocol;
