package dev.judge.demo.webhook;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.springframework.stereotype.Component;

/** The JVM's resolver (system DNS, hosts file, the JVM's address cache). */
@Component
class SystemHostResolver implements HostResolver {

    @Override
    public InetAddress[] lookup(String host) throws UnknownHostException {
        return InetAddress.getAllByName(host);
    }
}
