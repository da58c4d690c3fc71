/**
 * The standalone judge server.
 */
package dev.judge.demo;
