package io.github.threadleaks.junit;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.threadleaks.creation.CreationSite;
import org.jspecify.annotations.Nullable;

/**
 * What else, besides the JVM and the JDK, owns threads that outlive a test: the Spring
 * application contexts the test framework caches. Both checks ask here before they blame a
 * test; a context registers while it is open.
 */
final class ThreadOwners {

	/** Something that owns threads beyond the test that first made it start them. */
	interface Owner {

		boolean owns(Thread thread, @Nullable CreationSite creationSite);

	}

	private static final List<Owner> owners = new CopyOnWriteArrayList<>();

	private ThreadOwners() {
	}

	static void add(Owner owner) {
		owners.add(owner);
	}

	static void remove(Owner owner) {
		owners.remove(owner);
	}

	static boolean isEmpty() {
		return owners.isEmpty();
	}

	static boolean owned(Thread thread, @Nullable CreationSite creationSite) {
		for (Owner owner : owners) {
			if (owner.owns(thread, creationSite)) {
				return true;
			}
		}
		return false;
	}

}
