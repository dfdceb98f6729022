package io.kpool.core.internal;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * The value of a result-batch record: the results of one task batch, in its order.
 *
 * @param id the batch's id
 * @param results one result message per task
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record ResultBatchMessage(String id, List<ResultMessage> results) {

    /** Rejects a batch without results. */
    ResultBatchMessage {
        if (id == null || results == null) {
            throw new IllegalArgumentException("result batch needs \"id\" and \"results\"");
        }
    }
}
