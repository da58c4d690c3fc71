package dev.judge.demo.webhook;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Looks a callback's host name up; the system's DNS in the server, a scripted one in tests. */
@FunctionalInterface
public interface HostResolver {

    InetAddress[] lookup(String host) throws UnknownHostException;
}
