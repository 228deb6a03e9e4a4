package org.edgenas.cluster;

import java.io.Serial;

/**
 * A search could not get its candidates evaluated on the cluster: no worker came, a candidate was lost with its
 * workers more often than allowed, a candidate failed under {@link FailurePolicy#STOP}, or a worker cannot serve the
 * search. The message, written for the user, names what happened and what to change.
 */
public final class ClusterException extends RuntimeException {

    @Serial
    private static final long serialVersionUID = 1L;

    public ClusterException(String message) {
        super(message);
    }

    public ClusterException(String message, Throwable cause) {
        super(message, cause);
    }
}
