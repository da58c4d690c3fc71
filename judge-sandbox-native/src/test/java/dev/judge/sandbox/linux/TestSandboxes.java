package dev.judge.sandbox.linux;

import dev.judge.core.testsupport.RequiredParts;

/** Starts the sandbox for a test class, skipping (or failing under JUDGE_REQUIRE_ALL) where the host cannot. */
final class TestSandboxes {
    private TestSandboxes() {
    }

    static DoctorReport requireConfinement() {
        RequiredParts.require(RequiredParts.isRoot(), "root (the native sandbox needs it)");
        DoctorReport report = NativeSandboxDoctor.check();
        RequiredParts.require(report.fullyConfined(), "native sandbox protections: " + report.missing());
        return report;
    }

    static NativeSandbox require() {
        return require(2);
    }

    static NativeSandbox require(int slots) {
        requireConfinement();
        return NativeSandbox.builder().slots(slots).firstUid(firstUid()).build();
    }

    /**
     * Box uids of this test JVM: distinct from other JVMs that may run the suite at the same time, so a
     * check for leftover box processes only sees this JVM's boxes.
     */
    static int firstUid() {
        return 100_000 + (int) (ProcessHandle.current().pid() % 100_000) * 8;
    }

    /** Host processes (any namespace) running as one of this JVM's box uids. */
    static java.util.List<Long> boxProcesses() {
        return HostProcesses.withUidBetween(firstUid(), firstUid() + 7);
    }
}
