package dev.riffcode.music;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NameTableTest {

    @ParameterizedTest
    @CsvSource({"'', '', 0", "abc, abc, 0", "dorain, dorian, 2", "kitten, sitting, 3", "'', abc, 3", "maj7, major7, 2"})
    void editDistance(String a, String b, int expected) {
        assertEquals(expected, NameTable.editDistance(a, b));
        assertEquals(expected, NameTable.editDistance(b, a));
    }

    @Test
    void clashingSpellingsOnlyMatchExactly() {
        NameTable<Integer> table = new NameTable.Builder<Integer>("thing")
                .add("big", 1, "B")
                .add("small", 2, "b")
                .build();
        assertEquals(Optional.of("big"), table.find("B"));
        assertEquals(Optional.of("small"), table.find("b"));
        assertEquals(Optional.of("big"), table.find("BIG"));
        assertEquals(List.of("big", "small"), table.names());
        assertEquals(Integer.valueOf(2), table.value("small"));
    }

    @Test
    void duplicateSpellingsAreRejectedWhenBuilding() {
        NameTable.Builder<Integer> builder = new NameTable.Builder<Integer>("thing").add("one", 1, "uno");
        assertThrows(IllegalStateException.class, () -> builder.add("two", 2, "uno"));
    }
}
