package io.tessera.data.internal.schema;

import java.util.List;
import java.util.Optional;

/**
 * The table of one model: its name, the model it holds ({@code blog.Post}) and its columns in field
 * order. Immutable.
 */
public record Table(String name, String model, List<Column> columns) {

    public Table {
        columns = List.copyOf(columns);
    }

    public Optional<Column> column(String columnName) {
        return columns.stream().filter(c -> c.name().equals(columnName)).findFirst();
    }
}
