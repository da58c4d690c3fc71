package dev.judge.demo.web;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** A console that stalls holds up only the queue's writer, never the thread that logs; every line still arrives. */
class AsyncConsoleLoggingTest {
    @Test
    void aStalledConsoleDoesNotHoldUpTheLoggingThread() throws Exception {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Logger access = context.getLogger("dev.judge.demo.access.test");
        Level level = access.getLevel();
        access.setLevel(Level.INFO);
        CountDownLatch release = new CountDownLatch(1);
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        OutputStreamAppender<ILoggingEvent> console = stalledConsole(context, release, written);
        List<Appender<ILoggingEvent>> before = new ArrayList<>();
        root.iteratorForAppenders().forEachRemaining(before::add);
        before.forEach(root::detachAppender); // whatever an earlier test's application set up
        root.addAppender(console);
        try {
            new AsyncConsoleLogging().wrapConsole();
            assertThat(root.getAppender(AsyncConsoleLogging.CONSOLE)).as("behind the queue now").isNull();
            CompletableFuture.runAsync(() -> {
                for (int i = 0; i < 100; i++) {
                    access.info("line {}", i);
                }
            }).get(5, TimeUnit.SECONDS);
            release.countDown();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!text(written).contains("line 99") && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            for (int i = 0; i < 100; i++) {
                assertThat(text(written)).contains("line " + i + "\n");
            }
        } finally {
            release.countDown();
            Appender<ILoggingEvent> queue = root.getAppender(AsyncConsoleLogging.NAME);
            if (queue != null) {
                root.detachAppender(queue);
                queue.stop();
            }
            root.detachAppender(console);
            console.stop();
            before.forEach(root::addAppender);
            access.setLevel(level);
        }
    }

    /** A console named as Spring Boot's whose writes wait until {@code release} opens. */
    private static OutputStreamAppender<ILoggingEvent> stalledConsole(LoggerContext context, CountDownLatch release,
            ByteArrayOutputStream written) {
        OutputStream stalled = new OutputStream() {
            @Override
            public void write(int b) {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                synchronized (written) {
                    written.write(b, off, len);
                }
            }
        };
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%msg%n");
        encoder.start();
        OutputStreamAppender<ILoggingEvent> console = new OutputStreamAppender<>();
        console.setContext(context);
        console.setName(AsyncConsoleLogging.CONSOLE);
        console.setEncoder(encoder);
        console.setOutputStream(stalled);
        console.start();
        return console;
    }

    private static String text(ByteArrayOutputStream written) {
        synchronized (written) {
            return written.toString(StandardCharsets.UTF_8);
        }
    }
}
