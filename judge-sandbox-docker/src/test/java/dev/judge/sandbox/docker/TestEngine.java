package dev.judge.sandbox.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import java.io.IOException;
import java.util.List;

/** A plain engine client for tests that look at the containers from outside. */
final class TestEngine implements AutoCloseable {
    final DockerClient client;

    TestEngine() {
        DefaultDockerClientConfig cfg = DefaultDockerClientConfig.createDefaultConfigBuilder().build();
        client = DockerClientImpl.getInstance(cfg,
                new ApacheDockerHttpClient.Builder().dockerHost(cfg.getDockerHost()).build());
    }

    /** Containers carrying the sandbox's label with any pool name, running or not. */
    List<Container> labelled() {
        return client.listContainersCmd().withShowAll(true).withLabelFilter(List.of(Settings.LABEL)).exec();
    }

    InspectContainerResponse inspect(String id) {
        return client.inspectContainerCmd(id).exec();
    }

    @Override
    public void close() throws IOException {
        client.close();
    }
}
