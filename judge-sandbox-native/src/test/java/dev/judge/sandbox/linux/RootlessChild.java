package dev.judge.sandbox.linux;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.PrintWriter;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * The JVM RootlessTest starts as an unprivileged user: runs the Sandbox contract, the pair contract and the
 * rootless security cases against rootless sandboxes and prints one summary line for the parent to check.
 */
public final class RootlessChild {
    private RootlessChild() {
    }

    public static void main(String[] args) {
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(RootlessContract.class), selectClass(RootlessPairContract.class),
                        selectClass(RootlessSecurityCases.class))
                .build();
        Launcher launcher = LauncherFactory.create();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        launcher.execute(request, listener);
        TestExecutionSummary s = listener.getSummary();
        PrintWriter out = new PrintWriter(System.out, true);
        s.printFailuresTo(out, 30);
        out.println("ROOTLESS-SUMMARY found=" + s.getTestsFoundCount() + " succeeded=" + s.getTestsSucceededCount()
                + " failed=" + s.getTotalFailureCount() + " aborted=" + s.getTestsAbortedCount()
                + " skipped=" + s.getTestsSkippedCount());
        out.flush();
        System.exit(s.getTotalFailureCount() == 0 && s.getTestsAbortedCount() == 0 ? 0 : 1);
    }
}
