package dev.judge.demo;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The standalone judge server. {@code java -jar judge-demo-app.jar} starts it on the embedded default. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class JudgeDemoApplication {

    public static void main(String[] args) {
        SpringApplication.run(JudgeDemoApplication.class, args);
    }
}
