package io.github.threadleaks.proof;

import java.util.Arrays;

/**
 * Numbers objects by the rank of their address: one bit per 8-byte slot of the heap says
 * whether an object starts there, and an object's number is how many objects start below it.
 * A dump's ids are the objects' addresses, so this costs about a bit and a quarter per slot
 * of the occupied heap (some 0.6 bytes per small object) instead of the eight-byte id per
 * object a sorted table of ids takes, and a look-up is a few reads in one cache line rather
 * than a search.
 * <p>
 * The heap is cut into chunks of 64 Ki slots (512 KB); only chunks holding an object get a
 * table, so a large, sparsely used heap costs no more than a compact one. Within a chunk,
 * each group of four words of bits is preceded by the number of objects below the group.
 */
final class AddressRanks implements ObjectNumbers {

	/** Objects start at multiples of 8 bytes on every HotSpot. */
	private static final int ALIGNMENT_BITS = 3;

	private static final int SLOT_BITS_PER_CHUNK = 16;

	private static final int WORDS_PER_CHUNK = 1 << (SLOT_BITS_PER_CHUNK - 6);

	private static final int WORDS_PER_GROUP = 4;

	private static final int GROUP_LONGS = WORDS_PER_GROUP + 1;

	private static final int CHUNK_LONGS = WORDS_PER_CHUNK / WORDS_PER_GROUP * GROUP_LONGS;

	/** Chunks the directory may span: 8 TB of addresses. */
	private static final long MAX_DIRECTORY = 1 << 24;

	private final long firstChunk;

	/** Chunk number minus {@link #firstChunk} to the chunk's table, or -1 for a chunk without objects. */
	private final int[] directory;

	private final long[][] tables;

	/** The chunk number of each table, and the number of its first object, in address order. */
	private final long[] tableChunks;

	private final int[] tableFirstNode;

	private final int size;

	private AddressRanks(long firstChunk, int[] directory, long[][] tables, long[] tableChunks, int[] tableFirstNode,
			int size) {
		this.firstChunk = firstChunk;
		this.directory = directory;
		this.tables = tables;
		this.tableChunks = tableChunks;
		this.tableFirstNode = tableFirstNode;
		this.size = size;
	}

	static Builder builder() {
		return new RankBuilder();
	}

	@Override
	public int size() {
		return this.size;
	}

	@Override
	public int nodeOf(long id) {
		if ((id & ((1 << ALIGNMENT_BITS) - 1)) != 0) {
			return -1;
		}
		long slot = id >>> ALIGNMENT_BITS;
		long chunk = (slot >>> SLOT_BITS_PER_CHUNK) - this.firstChunk;
		if (chunk < 0 || chunk >= this.directory.length) {
			return -1;
		}
		int table = this.directory[(int) chunk];
		if (table < 0) {
			return -1;
		}
		long[] longs = this.tables[table];
		int word = ((int) slot & ((1 << SLOT_BITS_PER_CHUNK) - 1)) >>> 6;
		int group = (word / WORDS_PER_GROUP) * GROUP_LONGS;
		int within = word % WORDS_PER_GROUP;
		long bits = longs[group + 1 + within];
		long bit = 1L << slot;
		if ((bits & bit) == 0) {
			return -1;
		}
		int rank = (int) longs[group];
		for (int i = 1; i <= within; i++) {
			rank += Long.bitCount(longs[group + i]);
		}
		return rank + Long.bitCount(bits & (bit - 1));
	}

	@Override
	public long idOf(int node) {
		if (node < 0 || node >= this.size) {
			throw new IndexOutOfBoundsException("No object numbered " + node + " among " + this.size);
		}
		int table = Arrays.binarySearch(this.tableFirstNode, node);
		if (table < 0) {
			table = -table - 2;
		}
		// several tables can start at the same number only if one is empty, and none is
		while (table + 1 < this.tableFirstNode.length && this.tableFirstNode[table + 1] == node) {
			table++;
		}
		long[] longs = this.tables[table];
		int group = 0;
		while (group + GROUP_LONGS < CHUNK_LONGS && longs[group + GROUP_LONGS] <= node) {
			group += GROUP_LONGS;
		}
		int rank = (int) longs[group];
		for (int i = 0; i < WORDS_PER_GROUP; i++) {
			long bits = longs[group + 1 + i];
			int count = Long.bitCount(bits);
			if (node < rank + count) {
				for (int skip = node - rank; skip > 0; skip--) {
					bits &= bits - 1;
				}
				int slotInChunk = ((group / GROUP_LONGS) * WORDS_PER_GROUP + i) * 64 + Long.numberOfTrailingZeros(bits);
				return ((this.tableChunks[table] << SLOT_BITS_PER_CHUNK) + slotInChunk) << ALIGNMENT_BITS;
			}
			rank += count;
		}
		throw new IllegalStateException("Object " + node + " is not where its table says");
	}

	/** Sets one bit per object as the dump is read, a table per chunk as they are met. */
	private static final class RankBuilder implements Builder {

		private final LongMap<long[]> chunks = new LongMap<>(1 << 10);

		private long lastChunk = -1;

		private long[] lastTable = new long[0];

		private long minChunk = Long.MAX_VALUE;

		private long maxChunk = Long.MIN_VALUE;

		private int count;

		@Override
		public void add(long id) {
			if ((id & ((1 << ALIGNMENT_BITS) - 1)) != 0) {
				throw new ProofException(ProofException.Reason.FAILED, "The dump has an object id (0x"
						+ Long.toHexString(id) + ") that is not a multiple of 8: not a HotSpot dump this reader knows");
			}
			long slot = id >>> ALIGNMENT_BITS;
			long chunk = slot >>> SLOT_BITS_PER_CHUNK;
			long[] table = this.lastTable;
			if (chunk != this.lastChunk) {
				// objects lie in address order within a region: the last chunk serves most of them
				table = this.chunks.get(chunk + 1);
				if (table == null) {
					table = new long[CHUNK_LONGS];
					this.chunks.put(chunk + 1, table);
					this.minChunk = Math.min(this.minChunk, chunk);
					this.maxChunk = Math.max(this.maxChunk, chunk);
				}
				this.lastChunk = chunk;
				this.lastTable = table;
			}
			int word = ((int) slot & ((1 << SLOT_BITS_PER_CHUNK) - 1)) >>> 6;
			int index = (word / WORDS_PER_GROUP) * GROUP_LONGS + 1 + word % WORDS_PER_GROUP;
			long bit = 1L << slot;
			if ((table[index] & bit) == 0) {
				table[index] |= bit;
				this.count++;
			}
		}

		@Override
		public long bytes() {
			return (long) this.chunks.size() * (CHUNK_LONGS * 8L + 16);
		}

		@Override
		public ObjectNumbers build() {
			int tableCount = this.chunks.size();
			if (tableCount == 0) {
				return new AddressRanks(0, new int[0], new long[0][], new long[0], new int[0], 0);
			}
			long span = this.maxChunk - this.minChunk + 1;
			if (span > MAX_DIRECTORY) {
				throw new ProofException(ProofException.Reason.LIMIT, "The dump's objects spread over "
						+ (span >> 1) + " MB of addresses, more than this analysis indexes ("
						+ (MAX_DIRECTORY >> 1) + " MB)");
			}
			long[] chunkNumbers = new long[tableCount];
			int[] next = { 0 };
			this.chunks.forEach((key, table) -> chunkNumbers[next[0]++] = key - 1);
			Arrays.sort(chunkNumbers);
			int[] directory = new int[(int) span];
			Arrays.fill(directory, -1);
			long[][] tables = new long[tableCount][];
			int[] firstNodes = new int[tableCount];
			int rank = 0;
			for (int t = 0; t < tableCount; t++) {
				long[] table = this.chunks.get(chunkNumbers[t] + 1);
				directory[(int) (chunkNumbers[t] - this.minChunk)] = t;
				tables[t] = table;
				firstNodes[t] = rank;
				for (int group = 0; group < CHUNK_LONGS; group += GROUP_LONGS) {
					table[group] = rank;
					for (int i = 1; i <= WORDS_PER_GROUP; i++) {
						rank += Long.bitCount(table[group + i]);
					}
				}
			}
			return new AddressRanks(this.minChunk, directory, tables, chunkNumbers, firstNodes, rank);
		}

	}

}
