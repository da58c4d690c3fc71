/**
 * A sandbox that runs each command in a hardened container of a warm pool on a Docker engine.
 */
package dev.judge.sandbox.docker;
