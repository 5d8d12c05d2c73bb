package io.dtrcoach.server.auth;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CsvRecordsTest {

    @Test
    void should_number_each_record_by_the_line_it_starts_on_across_quoted_line_breaks_and_blank_lines() {
        var records = CsvRecords.parse("username,display_name\r\nann,\"Lee, Ann\"\n\nben,\"two\nlines\"\ncal,\"say \"\"hi\"\"\"\n")
                .records();
        assertThat(records).extracting(CsvRecords.Record::line).containsExactly(1, 2, 4, 6);
        assertThat(records.get(1).fields()).containsExactly("ann", "Lee, Ann");
        assertThat(records.get(2).fields()).containsExactly("ben", "two\nlines");
        assertThat(records.get(3).fields()).containsExactly("cal", "say \"hi\"");
        assertThat(records.get(3).field(5)).as("a missing trailing field is empty").isEmpty();
    }

    @Test
    void should_refuse_a_quote_left_open_naming_the_line_it_opened_on() {
        assertThatThrownBy(() -> CsvRecords.parse("username,role\nann,\"rep\nben,rep\n"))
                .isInstanceOf(CsvRecords.Unterminated.class).hasMessageContaining("line 2");
        assertThat(CsvRecords.parse(" \n,\n").records()).as("a line of commas is a record, blanks are not")
                .extracting(CsvRecords.Record::fields).containsExactly(List.of("", ""));
    }
}
