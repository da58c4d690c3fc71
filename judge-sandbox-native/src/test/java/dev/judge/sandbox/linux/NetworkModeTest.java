package dev.judge.sandbox.linux;

import static org.assertj.core.api.Assertions.assertThat;

import dev.judge.core.model.ByteSize;
import dev.judge.core.model.Limits;
import dev.judge.core.sandbox.SandboxFile;
import dev.judge.core.sandbox.SandboxRequest;
import dev.judge.core.sandbox.SandboxResult;
import dev.judge.core.sandbox.Termination;
import dev.judge.core.testsupport.RequiredParts;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Network mode: a run with network gets the box's own network namespace with outbound traffic through
 * slirp4netns, never the host's namespace; it reaches neither the host (its loopback services nor its other
 * addresses) nor private ranges, and opens only INET, INET6 and UNIX sockets. Without network nothing of this
 * applies: the box's namespace is empty.
 */
class NetworkModeTest extends SandboxPerClass {

    NetworkModeTest() {
        super(1);
    }

    private static final int AF_UNIX = 1;
    private static final int AF_INET = 2;
    private static final int AF_INET6 = 10;
    private static final int AF_NETLINK = 16;
    private static final int AF_PACKET = 17;
    private static final int AF_ALG = 38;
    private static final int SOCK_STREAM = 1;
    private static final int SOCK_DGRAM = 2;
    private static final int SOCK_RAW = 3;
    private static final int SOCK_SEQPACKET = 5;

    @BeforeAll
    void needsItsParts() {
        RequiredParts.require(BoxNetworkTools.find().isPresent(), "slirp4netns and nft (network mode needs them)");
    }

    private static Limits limits(boolean network) {
        return Limits.defaults().withCpuTime(Duration.ofSeconds(2)).withWallTime(Duration.ofSeconds(20))
                .withMemory(ByteSize.ofMiB(64)).withProcesses(16).withNetwork(network);
    }

    private List<String> probe(boolean network, String... args) {
        List<String> cmd = new ArrayList<>(List.of("./probe"));
        cmd.addAll(List.of(args));
        SandboxResult r = sandbox.run(SandboxRequest.of(cmd, limits(network))
                .withFiles(List.of(SandboxFile.executable("probe", CPrograms.compile(NetworkPrograms.PROBE)))));
        assertThat(r.termination()).as(r.message() + new String(r.stderr(), StandardCharsets.UTF_8))
                .isEqualTo(Termination.EXITED);
        return new String(r.stdout(), StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void theSandboxSaysItGivesNetwork() {
        assertThat(sandbox.givesNetwork()).as("root with slirp4netns and nft").isTrue();
    }

    @Test
    void theHostsLoopbackServicesAreOutOfReach() {
        RequiredParts.require(RequiredParts.listening(5432), "PostgreSQL on 127.0.0.1:5432");
        RequiredParts.require(RequiredParts.listening(6379), "Redis on 127.0.0.1:6379");
        // 127.0.0.1 is the box's own loopback; 10.0.2.2, slirp4netns's gateway, would be the host's loopback
        // without --disable-host-loopback
        List<String> out = probe(true, "connect", "127.0.0.1", "5432", "connect", "127.0.0.1", "6379",
                "connect", "10.0.2.2", "5432", "connect", "10.0.2.2", "6379");
        assertThat(out).hasSize(4).allSatisfy(l -> assertThat(l).contains(" failed "));
    }

    @Test
    void theHostsOtherAddressesAndPrivateRangesAreOutOfReach() throws Exception {
        List<InetAddress> host = hostAddresses();
        assertThat(host).as("the host's non-loopback IPv4 addresses").isNotEmpty();
        List<ServerSocket> listeners = new ArrayList<>();
        List<CompletableFuture<Socket>> accepted = new ArrayList<>();
        List<String> args = new ArrayList<>();
        try {
            for (InetAddress a : host) {
                ServerSocket s = new ServerSocket(0, 50, a);
                listeners.add(s);
                accepted.add(CompletableFuture.supplyAsync(() -> acceptOne(s)));
                args.addAll(List.of("connect", a.getHostAddress(), Integer.toString(s.getLocalPort())));
            }
            // private and shared ranges, wherever they would lead
            args.addAll(List.of("connect", "10.255.255.53", "53", "connect", "172.17.0.1", "80",
                    "connect", "192.168.1.1", "80", "connect", "169.254.169.254", "80", "connect", "100.64.0.1", "80"));
            List<String> out = probe(true, args.toArray(String[]::new));
            assertThat(out).hasSize(args.size() / 3).allSatisfy(l -> assertThat(l).contains(" failed "));
            for (CompletableFuture<Socket> f : accepted) {
                assertThat(f).as("a host listener saw no connection from the box").isNotDone();
            }
        } finally {
            for (ServerSocket s : listeners) {
                s.close();
            }
        }
    }

    @Test
    void outboundTrafficReachesAnAddressOutsideTheHost() throws Exception {
        try (OutsideHost outside = OutsideHost.create()) {
            outside.serveOnce(8080);
            List<String> on = probe(true, "connect", OutsideHost.ADDRESS, "8080");
            assertThat(on).containsExactly("connect " + OutsideHost.ADDRESS + ":8080 connected hello from outside");
            List<String> off = probe(false, "connect", OutsideHost.ADDRESS, "8080");
            assertThat(off).singleElement().asString().contains(" failed ");
        }
    }

    @Test
    void onlyInetAndUnixSocketsCanBeOpened() {
        List<String> out = probe(true, "socket", s(AF_INET), s(SOCK_STREAM), "socket", s(AF_INET6), s(SOCK_DGRAM),
                "socket", s(AF_UNIX), s(SOCK_STREAM), "socket", s(AF_NETLINK), s(SOCK_RAW),
                "socket", s(AF_PACKET), s(SOCK_RAW), "socket", s(AF_ALG), s(SOCK_SEQPACKET));
        assertThat(out).containsExactly("socket 2 ok", "socket 10 ok", "socket 1 ok", "socket 16 refused",
                "socket 17 refused", "socket 38 refused");
    }

    @Test
    void procNetShowsOnlyTheBoxsNamespace() {
        SandboxResult on = sandbox.run(SandboxRequest.of(List.of("/bin/sh", "-c", "cat /proc/net/dev"), limits(true)));
        assertThat(interfaces(on)).isEqualTo(Set.of("lo", "tap0"));
        SandboxResult off = sandbox.run(SandboxRequest.of(List.of("/bin/sh", "-c", "cat /proc/net/dev"), limits(false)));
        assertThat(interfaces(off)).isEqualTo(Set.of("lo"));
    }

    @Test
    void withoutNetworkNothingChanges() {
        // the default profile opens only UNIX sockets, and the empty namespace has nowhere to go
        List<String> out = probe(false, "socket", s(AF_INET), s(SOCK_STREAM), "socket", s(AF_UNIX), s(SOCK_STREAM),
                "socket", s(AF_NETLINK), s(SOCK_RAW), "connect", "127.0.0.1", "5432");
        assertThat(out).containsExactly("socket 2 refused", "socket 1 ok", "socket 16 refused",
                "connect 127.0.0.1:5432 failed EAFNOSUPPORT");
    }

    private static Set<String> interfaces(SandboxResult r) {
        return new String(r.stdout(), StandardCharsets.UTF_8).lines().filter(l -> l.contains(":"))
                .map(l -> l.substring(0, l.indexOf(':')).trim()).filter(n -> !n.contains("|"))
                .collect(Collectors.toSet());
    }

    private static List<InetAddress> hostAddresses() throws SocketException {
        return NetworkInterface.networkInterfaces().flatMap(NetworkInterface::inetAddresses)
                .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress()).toList();
    }

    private static Socket acceptOne(ServerSocket s) {
        try {
            return s.accept();
        } catch (IOException e) {
            return null;
        }
    }

    private static String s(int n) {
        return Integer.toString(n);
    }
}
