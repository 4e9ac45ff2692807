package dev.securechat.bench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TableTest {
  @Test
  void labelsAlignLeftAndFiguresRight() {
    String table =
        Table.of("metric", "value").row("messages/s", "48,000").row("commits", "7").render();
    assertThat(table)
        .isEqualTo(
            """
            metric       value
            ------------------
            messages/s  48,000
            commits          7
            """);
  }

  @Test
  void aRowMustFillEveryColumn() {
    assertThatThrownBy(() -> Table.of("a", "b").row("only one"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
