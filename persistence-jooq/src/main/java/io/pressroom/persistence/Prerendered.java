package io.pressroom.persistence;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.ResultQuery;
import org.jooq.Table;
import org.jooq.TableRecord;
import org.jooq.conf.ParamType;
import org.jooq.exception.TooManyRowsException;

/**
 * A jOOQ SELECT of a table's rows, rendered to SQL once (its parameters, {@code DSL.param(...)},
 * as {@code ?} in order) and run with plain JDBC on the {@link DSLContext}'s connection (the unit
 * of work's), its rows read back through jOOQ's bindings into the table's records.
 *
 * <p>For statements on every request's path only: rendering a 20-column SELECT with jOOQ costs
 * more CPU than PostgreSQL spends on a primary-key read of it (bench/read). The query is still
 * written with jOOQ's types, so it follows the schema like every other query.
 */
public final class Prerendered<R extends TableRecord<R>> {
    private final Table<R> table;
    private final String sql;
    private final int parameters;

    public Prerendered(DSLContext dsl, Table<R> table, ResultQuery<?> query) {
        this.table = table;
        this.sql = dsl.renderContext().paramType(ParamType.INDEXED).visit(query).render();
        this.parameters = dsl.extractBindValues(query).size();
    }

    /** The SQL sent (for tests and logs). */
    public String sql() {
        return sql;
    }

    /** The one row of these parameter values (in the query's order), if any. */
    public Optional<R> fetchOptional(DSLContext dsl, Object... values) {
        java.util.List<R> rows = fetch(dsl, values);
        if (rows.size() > 1) {
            throw new TooManyRowsException("more than one row: " + sql);
        }
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    /** The rows of these parameter values (in the query's order). */
    public java.util.List<R> fetch(DSLContext dsl, Object... values) {
        if (values.length != parameters) {
            throw new IllegalArgumentException("the query takes " + parameters + " parameters, given " + values.length);
        }
        return dsl.connectionResult(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                bind(ps, 0, values);
                try (ResultSet rs = ps.executeQuery()) {
                    return rows(dsl, rs);
                }
            }
        });
    }

    /** Sets the parameter values (in the query's order) from parameter {@code offset + 1} on. */
    void bind(PreparedStatement ps, int offset, Object... values) throws java.sql.SQLException {
        if (values.length != parameters) {
            throw new IllegalArgumentException("the query takes " + parameters + " parameters, given " + values.length);
        }
        for (int i = 0; i < values.length; i++) {
            ps.setObject(offset + i + 1, values[i]);
        }
    }

    /** The rows of a result set of this query, as the table's records. */
    java.util.List<R> rows(DSLContext dsl, ResultSet rs) {
        return dsl.fetch(rs, table.fields()).into(table);
    }

    /** {@link JooqTransactions#fetchAlone}'s SQL for this query, built once. */
    String aloneSql() {
        String s = aloneSql;
        if (s == null) {
            s = aloneSql = JooqTransactions.aloneSql(sql);
        }
        return s;
    }

    private volatile String aloneSql;
}
