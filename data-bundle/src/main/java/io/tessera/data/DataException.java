package io.tessera.data;

/**
 * What went wrong reading or writing an app's data, in words an app author or operator can act on:
 * the model, the field and what to do ({@code unknown field "autor" in blog.Post; did you mean
 * "author"? Its fields: id, title, author}), or the statement's table and the database's own message
 * (then {@link #getCause()} is the {@link java.sql.SQLException}). Unchecked, as Django's
 * {@code DatabaseError} and {@code FieldError} are to Python.
 */
public class DataException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public DataException(String message) {
        super(message);
    }

    public DataException(String message, Throwable cause) {
        super(message, cause);
    }
}
