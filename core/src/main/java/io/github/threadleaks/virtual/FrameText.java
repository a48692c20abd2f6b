package io.github.threadleaks.virtual;

/**
 * Reads a stack frame back from its text in the JVM's JSON thread dump, which writes frames
 * as {@link StackTraceElement#toString()} does.
 */
final class FrameText {

	private FrameText() {
	}

	/**
	 * A frame as {@code StackTraceElement.toString()} writes it, such as
	 * {@code java.base/java.util.concurrent.LinkedBlockingQueue.take(LinkedBlockingQueue.java:435)}
	 * or {@code app//com.example.Handler.lambda$handle$0(Handler.java:42)}: the class loader
	 * and module prefix is dropped, as in platform threads' frames.
	 */
	static StackTraceElement parse(String text) {
		int open = text.indexOf('(');
		String qualified = (open >= 0) ? text.substring(0, open) : text;
		// a hidden class's name holds a slash (Handler$$Lambda/0x0000...): keep it whole
		int hidden = qualified.indexOf("/0x");
		int slash = qualified.lastIndexOf('/', (hidden >= 0) ? hidden - 1 : qualified.length());
		String frame = qualified.substring(slash + 1);
		int dot = frame.lastIndexOf('.');
		String className = (dot > 0) ? frame.substring(0, dot) : frame;
		String methodName = (dot > 0) ? frame.substring(dot + 1) : "";
		String file = null;
		int line = -1;
		if (open >= 0 && text.endsWith(")")) {
			String location = text.substring(open + 1, text.length() - 1);
			if (location.equals("Native Method")) {
				line = -2;
			}
			else if (!location.equals("Unknown Source")) {
				int colon = location.lastIndexOf(':');
				if (colon > 0) {
					file = location.substring(0, colon);
					try {
						line = Integer.parseInt(location.substring(colon + 1));
					}
					catch (NumberFormatException ex) {
						file = location;
					}
				}
				else {
					file = location;
				}
			}
		}
		return new StackTraceElement(className, methodName, file, line);
	}

}
