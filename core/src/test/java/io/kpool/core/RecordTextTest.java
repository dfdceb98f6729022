package io.kpool.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Record text made safe for a log line. */
class RecordTextTest {
    @Test
    void plainPrintableTextIsReturnedAsItIs() {
        String id = "client-7-3f2a9c1e-12";
        assertThat(RecordText.forLog(id)).isSameAs(id);
    }

    @Test
    void controlFormatAndSeparatorCharactersAndLoneSurrogatesAreEscapedAndOtherTextKept() {
        assertThat(RecordText.forLog("a\nb\tc")).isEqualTo("a\\u000ab\\u0009c");
        assertThat(RecordText.forLog("x\u2028y\u200bz")).isEqualTo("x\\u2028y\\u200bz");
        assertThat(RecordText.forLog("lone \ud800 pair \ud83d\ude00")).isEqualTo("lone \\ud800 pair \ud83d\ude00");
        assertThat(RecordText.forLog("café 中文")).isEqualTo("café 中文");
        assertThat(RecordText.forLog(null)).isEqualTo("null");
    }

    @Test
    void aLongMessageIsCut() {
        String line = RecordText.forLog("x".repeat(RecordText.MAX_LOG_LENGTH + 10));
        assertThat(line).hasSize(RecordText.MAX_LOG_LENGTH + 1).endsWith("x…");
    }
}
