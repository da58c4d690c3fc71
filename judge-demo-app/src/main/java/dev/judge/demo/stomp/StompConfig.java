package dev.judge.demo.stomp;

import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.simp.config.ChannelRegistration;
import org.springframework.messaging.simp.config.MessageBrokerRegistry;
import org.springframework.web.socket.config.annotation.EnableWebSocketMessageBroker;
import org.springframework.web.socket.config.annotation.StompEndpointRegistry;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;

/**
 * STOMP over WebSocket at {@code /ws}, beside the SSE streams: a client sends its token in CONNECT's {@code
 * Authorization: Bearer ...} (or {@code X-Auth-Token}) header and subscribes to {@code /topic/submissions/{id}}
 * or {@code /topic/contests/{id}/scoreboard[/jury]}. {@link StompSubscriptions} checks and serves every frame;
 * clients never send to the broker.
 */
@Configuration
@EnableWebSocketMessageBroker
public class StompConfig implements WebSocketMessageBrokerConfigurer {
    private final StompSubscriptions subscriptions;

    StompConfig(StompSubscriptions subscriptions) {
        this.subscriptions = subscriptions;
    }

    @Override
    public void registerStompEndpoints(StompEndpointRegistry registry) {
        registry.addEndpoint("/ws");
    }

    @Override
    public void configureMessageBroker(MessageBrokerRegistry registry) {
        registry.enableSimpleBroker("/topic");
        registry.setApplicationDestinationPrefixes("/app");
    }

    @Override
    public void configureClientInboundChannel(ChannelRegistration registration) {
        registration.interceptors(subscriptions);
    }
}
