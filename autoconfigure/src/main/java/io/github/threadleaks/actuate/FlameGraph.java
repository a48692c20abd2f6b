package io.github.threadleaks.actuate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An icicle graph of threads drawn as inline SVG: the root ({@code Thread.run}) at the top,
 * each row one frame deeper, down to the frame a group blocks in; a box is as wide as the
 * threads that passed through that frame and coloured by their state. Hovering a box shows
 * its whole frame and count (an SVG {@code <title>}, no script). Boxes narrower than a
 * pixel are left out (their threads still count in the box above), and past
 * {@value #MAX_BOXES} boxes the narrowest go too, so the page stays small whatever the
 * threads.
 */
final class FlameGraph {

	static final int WIDTH = 1200;

	private static final int ROW_HEIGHT = 18;

	private static final double MIN_BOX_WIDTH = 1.0;

	private static final int MAX_BOXES = 2000;

	private static final double CHAR_WIDTH = 6.6;

	/** {@code s-timed-waiting} for {@code TIMED_WAITING}: a box's colour, by state. */
	private static final String[] STATE_CLASSES = Arrays.stream(Thread.State.values())
		.map((state) -> "s-" + state.name().toLowerCase(Locale.ROOT).replace('_', '-'))
		.toArray(String[]::new);

	private final Node root = new Node("all threads");

	/**
	 * Adds one group.
	 * @param stack its frames, top (the blocking frame) first
	 * @param state its threads' state
	 * @param count how many threads
	 */
	void add(List<String> stack, Thread.State state, long count) {
		if (count <= 0) {
			return;
		}
		Node node = this.root;
		node.add(state, count);
		if (stack.isEmpty()) {
			node = node.child("[no Java frames]");
			node.add(state, count);
			return;
		}
		for (int i = stack.size() - 1; i >= 0; i--) {
			node = node.child(stack.get(i));
			node.add(state, count);
		}
	}

	/**
	 * Adds threads whose groups are not shown one by one, as a single box.
	 * @param label what the box says
	 * @param count how many threads
	 */
	void addOther(String label, long count) {
		if (count <= 0) {
			return;
		}
		this.root.add(null, count);
		this.root.child(label).add(null, count);
	}

	boolean isEmpty() {
		return this.root.count == 0;
	}

	/**
	 * Writes the graph.
	 * @param html where to write
	 * @param title what the graph shows, for screen readers and the page
	 */
	void write(Html html, String title) {
		List<Box> boxes = new ArrayList<>();
		double minWidth = MIN_BOX_WIDTH;
		layout(this.root, 0, 0, WIDTH, minWidth, boxes);
		while (boxes.size() > MAX_BOXES) {
			// too many to draw: leave out the narrowest, whose threads still count in the box above
			minWidth *= 2;
			boxes.clear();
			layout(this.root, 0, 0, WIDTH, minWidth, boxes);
		}
		int depth = boxes.stream().mapToInt(Box::depth).max().orElse(0) + 1;
		int height = depth * ROW_HEIGHT;
		html.raw("<svg class=\"flame\" role=\"img\" viewBox=\"0 0 ").raw(WIDTH).raw(" ").raw(height)
			.raw("\" width=\"100%\" preserveAspectRatio=\"xMinYMin meet\"><title>").text(title).raw("</title>");
		for (Box box : boxes) {
			Node node = box.node();
			double y = box.depth() * ROW_HEIGHT;
			html.raw("<g class=\"box\"><title>").text(node.frame).raw(" &mdash; ").raw(node.count)
				.raw(node.count == 1 ? " thread" : " threads");
			node.writeStates(html);
			html.raw("</title><rect x=\"").tenths(box.x()).raw("\" y=\"").tenths(y).raw("\" width=\"")
				.tenths(box.width()).raw("\" height=\"").raw(ROW_HEIGHT - 1).raw("\" class=\"")
				.raw(node.stateClass()).raw("\"/>");
			int fits = (int) ((box.width() - 6) / CHAR_WIDTH);
			if (fits >= 3) {
				String label = shortLabel(node.frame);
				if (label.length() > fits) {
					label = label.substring(0, Math.max(1, fits - 1)) + "\u2026";
				}
				html.raw("<text x=\"").tenths(box.x() + 3).raw("\" y=\"").tenths(y + ROW_HEIGHT - 5)
					.raw("\">").text(label).raw("</text>");
			}
			html.raw("</g>");
		}
		html.raw("</svg>");
	}

	private static void layout(Node node, int depth, double x, double width, double minWidth, List<Box> boxes) {
		if (width < minWidth || boxes.size() > MAX_BOXES) {
			return;
		}
		boxes.add(new Box(node, depth, x, width));
		double childX = x;
		List<Node> children = new ArrayList<>(node.children.values());
		children.sort(Comparator.comparingLong((Node child) -> child.count).reversed());
		for (Node child : children) {
			double childWidth = width * child.count / node.count;
			layout(child, depth + 1, childX, childWidth, minWidth, boxes);
			childX += childWidth;
		}
	}

	/** {@code com.example.Worker.run(Worker.java:42)} reads as {@code Worker.run} in a box. */
	static String shortLabel(String frame) {
		int paren = frame.indexOf('(');
		String method = (paren > 0) ? frame.substring(0, paren) : frame;
		int lastDot = method.lastIndexOf('.');
		int classDot = (lastDot > 0) ? method.lastIndexOf('.', lastDot - 1) : -1;
		return (classDot >= 0) ? method.substring(classDot + 1) : method;
	}

	private record Box(Node node, int depth, double x, double width) {

	}

	private static final class Node {

		private final String frame;

		private final Map<String, Node> children = new LinkedHashMap<>();

		private final Map<Thread.State, Long> states = new EnumMap<>(Thread.State.class);

		private long count;

		Node(String frame) {
			this.frame = frame;
		}

		Node child(String frame) {
			return this.children.computeIfAbsent(frame, Node::new);
		}

		void add(Thread.State state, long threads) {
			this.count += threads;
			if (state != null) {
				this.states.merge(state, threads, Long::sum);
			}
		}

		/** The class of the state most of its threads are in. */
		String stateClass() {
			Thread.State most = null;
			long mostThreads = 0;
			for (Map.Entry<Thread.State, Long> entry : this.states.entrySet()) {
				if (entry.getValue() > mostThreads) {
					most = entry.getKey();
					mostThreads = entry.getValue();
				}
			}
			return (most != null) ? STATE_CLASSES[most.ordinal()] : "s-other";
		}

		/** {@code  (WAITING 24, RUNNABLE 1)}, or nothing for a box without states. */
		void writeStates(Html html) {
			if (this.states.isEmpty()) {
				return;
			}
			String separator = " (";
			for (Map.Entry<Thread.State, Long> entry : this.states.entrySet()) {
				html.raw(separator).raw(entry.getKey().name()).raw(" ").raw(entry.getValue());
				separator = ", ";
			}
			html.raw(")");
		}

	}

}
