package dev.judge.demo.judge0;

import dev.judge.autoconfigure.JudgeProperties;
import dev.judge.core.language.Languages;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The judge's languages: the defaults, Judge0's Multi-file program, then {@code judge.languages.*} (which may
 * change or disable any of them, {@code judge0-multi-file} included).
 */
@Configuration
class Judge0LanguageConfig {

    @Bean
    Languages demoLanguages(JudgeProperties properties) {
        return Languages.defaults().with(Judge0MultiFile.language()).withProperties(properties.languages());
    }
}
