package dev.judge.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ByteSizeTest {

    @Test
    void parsesBinaryUnits() {
        assertThat(ByteSize.parse("123")).isEqualTo(ByteSize.ofBytes(123));
        assertThat(ByteSize.parse("64KiB")).isEqualTo(ByteSize.ofKiB(64));
        assertThat(ByteSize.parse("64k")).isEqualTo(ByteSize.ofKiB(64));
        assertThat(ByteSize.parse("256MB")).isEqualTo(ByteSize.ofMiB(256));
        assertThat(ByteSize.parse(" 1 GiB ")).isEqualTo(ByteSize.ofGiB(1));
    }

    @Test
    void printsTheLargestExactUnit() {
        assertThat(ByteSize.ofMiB(256)).hasToString("256MiB");
        assertThat(ByteSize.ofKiB(1536)).hasToString("1536KiB");
        assertThat(ByteSize.ofBytes(1000)).hasToString("1000B");
        assertThat(ByteSize.parse(ByteSize.ofGiB(3).toString())).isEqualTo(ByteSize.ofGiB(3));
    }

    @Test
    void refusesGarbageNegativeAndOverflow() {
        assertThatThrownBy(() -> ByteSize.parse("lots")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a byte size");
        assertThatThrownBy(() -> ByteSize.ofBytes(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ByteSize.parse("99999999999999T")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("too large");
    }
}
