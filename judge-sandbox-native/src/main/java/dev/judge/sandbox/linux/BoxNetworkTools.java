package dev.judge.sandbox.linux;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The host programs a box network needs: slirp4netns (user-mode outbound networking for the box's own
 * network namespace) and nft (the rules that keep the box away from the host and private ranges).
 */
record BoxNetworkTools(Path slirp4netns, Path nft) {
    private static final List<Path> DIRS = List.of(Path.of("/usr/bin"), Path.of("/usr/sbin"), Path.of("/bin"),
            Path.of("/sbin"), Path.of("/usr/local/bin"), Path.of("/usr/local/sbin"));

    /** Both programs from the host's usual directories, or empty when either is missing. */
    static Optional<BoxNetworkTools> find() {
        Optional<Path> slirp = program("slirp4netns");
        Optional<Path> nft = program("nft");
        return slirp.isPresent() && nft.isPresent()
                ? Optional.of(new BoxNetworkTools(slirp.get(), nft.get()))
                : Optional.empty();
    }

    private static Optional<Path> program(String name) {
        return DIRS.stream().map(d -> d.resolve(name)).filter(Files::isExecutable).findFirst();
    }

    /** The helper's options that give its slot a box network. */
    List<String> helperArguments() {
        return List.of("--slirp4netns", slirp4netns.toString(), "--nft", nft.toString());
    }
}
