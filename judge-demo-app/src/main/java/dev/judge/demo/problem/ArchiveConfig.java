package dev.judge.demo.problem;

import dev.judge.demo.DemoProperties;
import dev.judge.demo.problem.archive.ArchiveCaps;
import dev.judge.demo.problem.archive.TestArchiveReader;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The test archive reader, with the caps of {@code judge.demo.caps}. */
@Configuration
class ArchiveConfig {

    @Bean
    TestArchiveReader testArchiveReader(DemoProperties properties) {
        DemoProperties.Caps c = properties.caps();
        return new TestArchiveReader(new ArchiveCaps(c.maxArchiveEntries(), c.maxTests(), c.maxTestData().toBytes(),
                c.maxTestFile().toBytes(), c.maxCompressionRatio()));
    }
}
