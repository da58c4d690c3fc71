/**
 * Spring Boot auto-configuration of the judge.
 */
package dev.judge.autoconfigure;
