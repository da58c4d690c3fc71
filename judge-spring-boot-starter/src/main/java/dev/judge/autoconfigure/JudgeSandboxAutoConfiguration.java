package dev.judge.autoconfigure;

import dev.judge.autoconfigure.health.SandboxHealthDetails;
import dev.judge.core.sandbox.Sandbox;
import dev.judge.sandbox.docker.DockerSandbox;
import dev.judge.sandbox.linux.NativeSandbox;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Chooses and starts the sandbox. {@code judge.sandbox.type=auto} takes the native sandbox when its self-check
 * says it can run here, else the Docker sandbox when an engine answers, else fails the start-up with each
 * module's reason and what to do. One log line names the sandbox chosen and why the native one was passed over.
 * An application's own {@link Sandbox} bean wins.
 */
@AutoConfiguration
@EnableConfigurationProperties(JudgeProperties.class)
public class JudgeSandboxAutoConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(JudgeSandboxAutoConfiguration.class);

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    public Sandbox judgeSandbox(JudgeProperties properties, ObjectProvider<SandboxCandidate> candidates) {
        return choose(properties.sandbox().type(), candidates.orderedStream().toList()).create();
    }

    /**
     * The first candidate of {@code type}'s order that can run here; logs which one and, when an earlier one
     * was passed over, why, so an operator sees the reason without a debugger.
     */
    static SandboxCandidate choose(JudgeProperties.SandboxType type, List<SandboxCandidate> candidates) {
        List<String> reasons = new ArrayList<>();
        for (JudgeProperties.SandboxType wanted : order(type)) {
            Optional<SandboxCandidate> found = candidates.stream().filter(c -> c.type() == wanted).findFirst();
            if (found.isEmpty()) {
                reasons.add(name(wanted) + ": module judge-sandbox-" + name(wanted) + " is not on the class path");
                continue;
            }
            Optional<String> reason = found.get().unavailableReason();
            if (reason.isEmpty()) {
                LOG.info(chosen(type, wanted, reasons));
                return found.get();
            }
            reasons.add(name(wanted) + ": " + oneLine(reason.get()));
        }
        throw new IllegalStateException("no sandbox can run with judge.sandbox.type=" + name(type) + " ("
                + String.join("; ", reasons) + "). " + remedy(type));
    }

    /** The start-up line: which sandbox runs the programs, and why an earlier choice could not. */
    static String chosen(JudgeProperties.SandboxType type, JudgeProperties.SandboxType chosen,
            List<String> passedOver) {
        String check = chosen == JudgeProperties.SandboxType.NATIVE ? "its self-check passed"
                : "its engine answered and its image is ready";
        String line = "Sandbox: " + name(chosen) + " (judge.sandbox.type=" + name(type) + "; " + check + ")";
        return passedOver.isEmpty() ? line : line + "; not " + String.join("; not ", passedOver);
    }

    private static String remedy(JudgeProperties.SandboxType type) {
        return switch (type) {
            case AUTO -> "Run as root (or rootless with delegated cgroups and user namespaces) for the native "
                    + "sandbox, or start a Docker engine (judge.sandbox.docker-host) for the Docker one, "
                    + "or define a Sandbox bean.";
            case NATIVE -> "Add judge-sandbox-native and run as root (or rootless with delegated cgroups and user "
                    + "namespaces), choose judge.sandbox.type=docker or auto, or define a Sandbox bean.";
            case DOCKER -> "Add judge-sandbox-docker and start a Docker engine (judge.sandbox.docker-host), "
                    + "choose judge.sandbox.type=native or auto, or define a Sandbox bean.";
        };
    }

    /** A reason may carry an engine's multi-line message; the log and the failure keep it on one line. */
    private static String oneLine(String reason) {
        return reason.strip().replaceAll("\\s*\\R\\s*", " | ");
    }

    private static List<JudgeProperties.SandboxType> order(JudgeProperties.SandboxType type) {
        return switch (type) {
            case AUTO -> List.of(JudgeProperties.SandboxType.NATIVE, JudgeProperties.SandboxType.DOCKER);
            case NATIVE, DOCKER -> List.of(type);
        };
    }

    private static String name(JudgeProperties.SandboxType type) {
        return type.name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Concurrent runs the sandbox must serve: the executor's slots, or one per processor. */
    static int slots(JudgeProperties properties) {
        int slots = properties.executor().slots();
        return slots > 0 ? slots : Runtime.getRuntime().availableProcessors();
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(DockerSandbox.class)
    static class DockerCandidateConfiguration {
        @Bean
        SandboxCandidate judgeDockerSandboxCandidate(JudgeProperties properties) {
            return new DockerSandboxCandidate(properties);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(NativeSandbox.class)
    static class NativeCandidateConfiguration {
        @Bean
        SandboxCandidate judgeNativeSandboxCandidate(JudgeProperties properties) {
            return new NativeSandboxCandidate(properties);
        }

        @Bean
        SandboxHealthDetails judgeNativeSandboxHealthDetails() {
            return NativeSandboxCandidate::healthDetails;
        }
    }
}
