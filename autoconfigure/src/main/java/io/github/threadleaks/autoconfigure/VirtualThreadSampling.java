package io.github.threadleaks.autoconfigure;

import java.time.Clock;

import io.github.threadleaks.detect.LeakDetector;
import io.github.threadleaks.detect.LeakMonitor;
import io.github.threadleaks.virtual.ThreadDumper;
import io.github.threadleaks.virtual.VirtualThreadSampler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Switches virtual-thread sampling on where {@code threadleaks.sampling.virtual-threads}
 * asks for it and the JVM can do it. The classes that read the dump are touched only once
 * {@link ThreadDumper#find()} said yes, so on Java 17 (or without Jackson) nothing of them
 * loads.
 */
final class VirtualThreadSampling {

	private static final Logger logger = LoggerFactory.getLogger(VirtualThreadSampling.class);

	private VirtualThreadSampling() {
	}

	static void configure(LeakMonitor monitor, LeakDetector.Settings settings,
			ThreadLeaksProperties.Sampling sampling) {
		if (sampling.getVirtualThreads() == ThreadLeaksProperties.VirtualThreadsMode.OFF) {
			return;
		}
		ThreadDumper.Availability availability = ThreadDumper.find();
		if (!availability.available()) {
			if (sampling.getVirtualThreads() == ThreadLeaksProperties.VirtualThreadsMode.ON) {
				logger.warn("threadleaks.sampling.virtual-threads is on, but virtual threads cannot be sampled: {}",
						availability.unavailableBecause());
			}
			else {
				logger.debug("Virtual threads are not sampled: {}", availability.unavailableBecause());
			}
			return;
		}
		VirtualThreadSampler sampler = new VirtualThreadSampler(availability.dumper(), sampling.getMaxStackDepth(),
				sampling.getMaxVirtualThreads(), Clock.systemUTC(), null);
		monitor.sampleVirtualThreads(sampler::take, new LeakDetector(settings), sampling.getVirtualThreadsInterval());
	}

}
