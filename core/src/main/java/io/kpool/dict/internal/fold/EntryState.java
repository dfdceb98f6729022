package io.kpool.dict.internal.fold;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A key's value in a replica and its version, the offset of the record that last changed it.
 * The fold never mutates a value node: each change stores a new one.
 *
 * @param value the value, never JSON null
 * @param version offset of the last change
 */
public record EntryState(JsonNode value, long version) {
}
