package dev.judge.autoconfigure;

import dev.judge.core.sandbox.Sandbox;
import dev.judge.core.testsupport.RequiredParts;
import dev.judge.sandbox.linux.DoctorReport;
import dev.judge.sandbox.linux.NativeSandbox;
import dev.judge.sandbox.linux.NativeSandboxDoctor;

/** The real native sandbox for context tests; skips (or fails under JUDGE_REQUIRE_ALL) where it cannot run. */
public final class TestSandbox {

    private TestSandbox() {
    }

    /** A two-slot native sandbox. */
    public static Sandbox create() {
        RequiredParts.require(RequiredParts.isRoot(), "root (the native sandbox needs it)");
        DoctorReport report = NativeSandboxDoctor.check();
        RequiredParts.require(report.fullyConfined(), "native sandbox protections: " + report.missing());
        return NativeSandbox.builder().slots(2).build();
    }
}
