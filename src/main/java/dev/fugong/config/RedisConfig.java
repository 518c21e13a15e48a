package dev.fugong.config;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.data.redis.connection.ReactiveRedisConnection;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.listener.ReactiveRedisMessageListenerContainer;

@Configuration(proxyBeanMethods = false)
class RedisConfig {

	private static final Logger log = LoggerFactory.getLogger(RedisConfig.class);

	/**
	 * Opens the shared Redis connection at start-up, on the main thread. Left lazy, the
	 * first command of the process opens it synchronously on an event-loop thread (found
	 * by BlockHound). A Redis that is down at start-up does not stop the service:
	 * readiness reports it, and the connection is opened on first use once Redis is back.
	 */
	/**
	 * Redis pub/sub, for events that must reach whichever pod holds a client's stream.
	 */
	@Bean(destroyMethod = "destroy")
	@Lazy
	ReactiveRedisMessageListenerContainer redisMessageListenerContainer(ReactiveRedisConnectionFactory factory) {
		return new ReactiveRedisMessageListenerContainer(factory);
	}

	@Bean
	SmartInitializingSingleton openSharedRedisConnection(LettuceConnectionFactory factory) {
		return () -> {
			try {
				ReactiveRedisConnection connection = ((ReactiveRedisConnectionFactory) factory).getReactiveConnection();
				connection.close();
			}
			catch (RuntimeException ex) {
				log.warn("Redis is not reachable at start-up: {}", ex.getClass().getSimpleName());
			}
		};
	}

}
