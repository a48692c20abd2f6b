package io.github.threadleaks.proof;

import java.util.Arrays;

/**
 * The numbering the first reader shipped with (issue 16): objects numbered by their position
 * in the file, their ids sorted into an {@link IdIndex}. Kept to check that the reader's own
 * numbering by address rank gives the same verdicts and paths on every test heap.
 */
final class FilePositions implements ObjectNumbers {

	private final long[] idsInFileOrder;

	private final IdIndex index;

	private FilePositions(long[] idsInFileOrder, IdIndex index) {
		this.idsInFileOrder = idsInFileOrder;
		this.index = index;
	}

	static Builder builder() {
		return new Builder() {

			private long[] ids = new long[1 << 16];

			private int count;

			@Override
			public void add(long id) {
				if (this.count == this.ids.length) {
					this.ids = Arrays.copyOf(this.ids, this.count * 2);
				}
				this.ids[this.count++] = id;
			}

			@Override
			public long bytes() {
				return this.ids.length * 8L;
			}

			@Override
			public ObjectNumbers build() {
				long[] inFileOrder = Arrays.copyOf(this.ids, this.count);
				long[] sorted = inFileOrder.clone();
				int[] positions = new int[sorted.length];
				for (int i = 0; i < positions.length; i++) {
					positions[i] = i;
				}
				IdSort.sort(sorted, positions);
				return new FilePositions(inFileOrder, new IdIndex(sorted, positions));
			}

		};
	}

	@Override
	public int size() {
		return this.idsInFileOrder.length;
	}

	@Override
	public int nodeOf(long id) {
		return this.index.nodeOf(id);
	}

	@Override
	public long idOf(int node) {
		return this.idsInFileOrder[node];
	}

}
