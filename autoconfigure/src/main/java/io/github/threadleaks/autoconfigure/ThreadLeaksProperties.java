package io.github.threadleaks.autoconfigure;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration of threadleaks, under {@code threadleaks.*}. Every bound the starter keeps
 * is here, with a default that suits a production service.
 */
@ConfigurationProperties("threadleaks")
public class ThreadLeaksProperties {

	/**
	 * Whether threadleaks is on. When off, nothing samples, detects, tracks or answers on
	 * the endpoint, but beans that configuration may name stay so the application starts
	 * unchanged.
	 */
	private boolean enabled = true;

	private final Sampling sampling = new Sampling();

	private final Grouping grouping = new Grouping();

	private final Snapshots snapshots = new Snapshots();

	private final Endpoint endpoint = new Endpoint();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public Sampling getSampling() {
		return this.sampling;
	}

	public Grouping getGrouping() {
		return this.grouping;
	}

	public Snapshots getSnapshots() {
		return this.snapshots;
	}

	public Endpoint getEndpoint() {
		return this.endpoint;
	}

	public static class Sampling {

		/**
		 * How many frames of each thread's stack a snapshot keeps. Deeper stacks are cut and
		 * marked as cut.
		 */
		private int maxStackDepth = 32;

		public int getMaxStackDepth() {
			return this.maxStackDepth;
		}

		public void setMaxStackDepth(int maxStackDepth) {
			this.maxStackDepth = maxStackDepth;
		}

	}

	public static class Grouping {

		/**
		 * How many top frames (class and method, not line) two threads must share, besides
		 * pool and state, to be in one group.
		 */
		private int frames = 10;

		/**
		 * How many thread names each group lists as a sample.
		 */
		private int maxThreadNames = 10;

		public int getFrames() {
			return this.frames;
		}

		public void setFrames(int frames) {
			this.frames = frames;
		}

		public int getMaxThreadNames() {
			return this.maxThreadNames;
		}

		public void setMaxThreadNames(int maxThreadNames) {
			this.maxThreadNames = maxThreadNames;
		}

	}

	public static class Snapshots {

		/**
		 * How many snapshots are kept for diffing; storing one more evicts the oldest.
		 */
		private int max = 16;

		/**
		 * The longest snapshot name accepted, in characters.
		 */
		private int maxNameLength = 100;

		public int getMax() {
			return this.max;
		}

		public void setMax(int max) {
			this.max = max;
		}

		public int getMaxNameLength() {
			return this.maxNameLength;
		}

		public void setMaxNameLength(int maxNameLength) {
			this.maxNameLength = maxNameLength;
		}

	}

	public static class Endpoint {

		/**
		 * How many groups a report or a diff lists, most populous (or most grown) first.
		 */
		private int maxGroups = 50;

		/**
		 * The least time between two thread dumps taken for the endpoint; requests in between
		 * get the last dump again.
		 */
		private Duration minDumpInterval = Duration.ofSeconds(1);

		/**
		 * How many appeared and ended threads a diff lists (the counts are always complete).
		 */
		private int maxDiffThreads = 100;

		public int getMaxGroups() {
			return this.maxGroups;
		}

		public void setMaxGroups(int maxGroups) {
			this.maxGroups = maxGroups;
		}

		public Duration getMinDumpInterval() {
			return this.minDumpInterval;
		}

		public void setMinDumpInterval(Duration minDumpInterval) {
			this.minDumpInterval = minDumpInterval;
		}

		public int getMaxDiffThreads() {
			return this.maxDiffThreads;
		}

		public void setMaxDiffThreads(int maxDiffThreads) {
			this.maxDiffThreads = maxDiffThreads;
		}

	}

}
