package dev.judge.autoconfigure.jdbc;

import dev.judge.autoconfigure.JudgeProperties;
import dev.judge.autoconfigure.JudgeStorageAutoConfiguration;
import dev.judge.core.queue.JobQueue;
import dev.judge.core.store.ResultStore;
import dev.judge.jdbc.JdbcJudgeStorage;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The JDBC job queue and result store ({@code judge.queue.type=jdbc}, {@code judge.store.type=jdbc}) on the
 * application's {@link DataSource}. Backs off without spring-jdbc and Flyway on the class path or without a
 * data source.
 */
@AutoConfiguration(before = JudgeStorageAutoConfiguration.class, afterName = {
        "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration",
        "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration"})
@ConditionalOnClass({JdbcTemplate.class, Flyway.class, JdbcJudgeStorage.class})
@ConditionalOnBean(DataSource.class)
@Conditional(JudgeJdbcAutoConfiguration.JdbcSelected.class)
@EnableConfigurationProperties(JudgeProperties.class)
public class JudgeJdbcAutoConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    public JdbcJudgeStorage judgeJdbcStorage(DataSource dataSource, JudgeProperties properties) {
        return JdbcJudgeStorage.builder().dataSource(dataSource).schema(properties.jdbc().schema())
                .migrate(properties.jdbc().migrate()).pollInterval(properties.jdbc().pollInterval())
                .policy(properties.queue().policy()).build();
    }

    // The storage owns the queue and store it hands out and closes them itself.
    @Bean(destroyMethod = "")
    @ConditionalOnMissingBean
    @ConditionalOnProperty(name = "judge.queue.type", havingValue = "jdbc")
    public JobQueue judgeJobQueue(JdbcJudgeStorage storage) {
        return storage.jobQueue();
    }

    @Bean(destroyMethod = "")
    @ConditionalOnMissingBean
    @ConditionalOnProperty(name = "judge.store.type", havingValue = "jdbc")
    public ResultStore judgeResultStore(JdbcJudgeStorage storage) {
        return storage.resultStore();
    }

    static final class JdbcSelected extends JudgeStorageAutoConfiguration.StorageTypeSelected {
        JdbcSelected() {
            super("jdbc");
        }
    }
}
