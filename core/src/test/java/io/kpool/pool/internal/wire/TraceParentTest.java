package io.kpool.pool.internal.wire;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** W3C traceparent: a task's span joins its caller's trace, or starts one. */
class TraceParentTest {
    private static final String PARENT = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

    @Test
    void aChildKeepsTheCallersTraceIdAndFlagsWithANewParentId() {
        String child = TraceParent.child(PARENT);

        assertThat(child).matches("00-0af7651916cd43dd8448eb211c80319c-[0-9a-f]{16}-01").isNotEqualTo(PARENT);
        assertThat(TraceParent.valid(child)).isEqualTo(child);
    }

    @Test
    void withoutAValidParentANewSampledTraceStarts() {
        for (String parent : new String[] {null, "", "junk", "00-00000000000000000000000000000000-b7ad6b7169203331-01",
                "01-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"}) {
            String child = TraceParent.child(parent);
            assertThat(child).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01").doesNotContain("0af7651916cd43dd8448eb211c80319c");
            assertThat(TraceParent.valid(child)).isEqualTo(child);
        }
        assertThat(TraceParent.child(null)).isNotEqualTo(TraceParent.child(null));
    }

    @Test
    void onlyAWellFormedValueIsValidSoARecordCannotPutAnythingElseInTheMdc() {
        assertThat(TraceParent.valid(PARENT)).isEqualTo(PARENT);
        assertThat(TraceParent.valid(PARENT + "\nforged")).isNull();
        assertThat(TraceParent.valid("00-0AF7651916CD43DD8448EB211C80319C-b7ad6b7169203331-01")).isNull();
        assertThat(TraceParent.valid(null)).isNull();
    }
}
