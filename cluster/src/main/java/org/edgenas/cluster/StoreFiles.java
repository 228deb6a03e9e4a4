package org.edgenas.cluster;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import java.io.Serial;
import java.io.Serializable;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * The files of a search's config, sent to a worker that lacks them (once per worker), which stores them in its
 * {@link FileCache}. Returns the number of files now stored for the search.
 */
final class StoreFiles implements Callable<Integer>, Serializable, HazelcastInstanceAware {

    @Serial
    private static final long serialVersionUID = 1L;

    private final List<FileContent> files;
    private transient HazelcastInstance member;

    StoreFiles(List<FileContent> files) {
        this.files = List.copyOf(files);
    }

    @Override
    public void setHazelcastInstance(HazelcastInstance instance) {
        this.member = instance;
    }

    @Override
    public Integer call() {
        FileCache cache = ((ProblemCache) member.getUserContext().get(Members.PROBLEMS)).files();
        for (FileContent f : files) {
            cache.store(f);
        }
        return files.size();
    }
}
