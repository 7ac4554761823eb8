package io.tessera.data.internal.schema;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.tessera.data.internal.Dialect;

/**
 * Compares the schema Tessera recorded for an app with the one its models ask for now: the changes
 * that lose nothing become derived {@link Step}s; every change that could lose or reinterpret data
 * (a model or field removed, a field retyped, a field made NOT NULL, a reference changed, a new NOT
 * NULL field without a default) becomes a {@link #lossy} line naming the change and what to do.
 * Pure: no database.
 */
public final class SchemaDiff {

    private final List<Step> steps;
    private final List<String> lossy;

    private SchemaDiff(List<Step> steps, List<String> lossy) {
        this.steps = List.copyOf(steps);
        this.lossy = List.copyOf(lossy);
    }

    /** The steps that create every table of {@code desired}: foreign keys inside the app after all tables. */
    public static SchemaDiff creation(SchemaDescription desired, Dialect dialect) {
        return between(new SchemaDescription(desired.appLabel(), List.of()), desired, dialect);
    }

    /** From {@code recorded} to {@code desired}. */
    public static SchemaDiff between(SchemaDescription recorded, SchemaDescription desired, Dialect dialect) {
        Ddl ddl = new Ddl(dialect);
        List<Step> steps = new ArrayList<>();
        List<String> lossy = new ArrayList<>();
        Set<String> created = new HashSet<>();
        List<Step> laterKeys = new ArrayList<>();
        for (Table want : desired.tables()) {
            Table had = recorded.table(want.name()).orElse(null);
            if (had == null) {
                // a reference to a table this app creates later in the set is added once that table exists
                boolean inline = want.columns().stream().allMatch(c -> c.references() == null
                        || !isOwnTable(desired, c.references()) || created.contains(c.references())
                        || recorded.table(c.references()).isPresent() || c.references().equals(want.name()));
                List<String> create = ddl.createTable(want, inline);
                steps.add(Step.derived("auto_create_" + want.name(), "create table " + want.name() + " for model "
                        + want.model(), create, ddl.dropTable(want)));
                created.add(want.name());
                if (!inline) {
                    for (Column c : want.columns()) {
                        if (c.references() != null) {
                            laterKeys.add(Step.derived("auto_fk_" + want.name() + "_" + c.name(), "foreign key "
                                    + want.name() + "." + c.name() + " -> " + c.references(),
                                    List.of(ddl.addForeignKey(want, c)),
                                    List.of(ddl.dropConstraint(want, Ddl.foreignKeyName(want, c)))));
                        }
                    }
                }
                continue;
            }
            columns(had, want, ddl, steps, lossy);
        }
        steps.addAll(laterKeys);
        for (Table had : recorded.tables()) {
            if (desired.table(had.name()).isEmpty()) {
                lossy.add("model " + had.model() + " was removed, and its table " + had.name()
                        + " holds its rows: ship a step that drops it (DROP TABLE " + had.name()
                        + ") or renames it to the new model's table, or restore the model");
            }
        }
        return new SchemaDiff(steps, lossy);
    }

    private static boolean isOwnTable(SchemaDescription desired, String table) {
        return desired.table(table).isPresent();
    }

    private static void columns(Table had, Table want, Ddl ddl, List<Step> steps, List<String> lossy) {
        String t = want.name();
        List<Column> added = new ArrayList<>();
        for (Column w : want.columns()) {
            Column h = had.column(w.name()).orElse(null);
            if (h == null) {
                added.add(w);
                continue;
            }
            String where = "field " + want.model() + "." + w.field() + " (column " + t + "." + w.name() + ")";
            if (!h.typeText().equals(w.typeText()) || h.primaryKey() != w.primaryKey()
                    || h.generated() != w.generated()) {
                lossy.add(where + " changed type from " + h.typeText() + " to " + w.typeText()
                        + ": ship a step that converts the column (ALTER TABLE " + t + " ALTER COLUMN " + w.name()
                        + " ...), or restore the type");
                continue;
            }
            if (!java.util.Objects.equals(h.references(), w.references())) {
                lossy.add(where + " now refers to " + (w.references() == null ? "nothing" : w.references())
                        + " instead of " + (h.references() == null ? "nothing" : h.references())
                        + ": ship a step that changes its foreign key, or restore the @ModelRef");
                continue;
            }
            if (h.nullable() && !w.nullable()) {
                lossy.add(where + " may no longer be null, and rows may hold null there: ship a step that fills"
                        + " them and sets NOT NULL, or keep the field nullable");
                continue;
            }
            if (!h.nullable() && w.nullable()) {
                steps.add(Step.derived("auto_null_" + t + "_" + w.name(), "allow null in " + t + "." + w.name(),
                        List.of(ddl.setNullable(want, w, true)), List.of(ddl.setNullable(want, h, false))));
            }
            if (!java.util.Objects.equals(h.defaultValue(), w.defaultValue())) {
                steps.add(Step.derived("auto_default_" + t + "_" + w.name(), "default of " + t + "." + w.name()
                        + (w.defaultValue() == null ? " removed" : " '" + w.defaultValue() + "'"),
                        List.of(ddl.setDefault(want, w)), List.of(ddl.setDefault(had, h))));
            }
            if (h.unique() != w.unique()) {
                String name = Ddl.uniqueName(want, w);
                steps.add(w.unique()
                        ? Step.derived("auto_unique_" + t + "_" + w.name(), "unique " + t + "." + w.name(),
                                List.of(ddl.addUnique(want, w)), List.of(ddl.dropConstraint(want, name)))
                        : Step.derived("auto_nounique_" + t + "_" + w.name(), "no longer unique: " + t + "." + w.name(),
                                List.of(ddl.dropConstraint(want, name)), List.of(ddl.addUnique(want, w))));
            }
            if (h.indexed() != w.indexed()) {
                steps.add(w.indexed()
                        ? Step.derived("auto_index_" + t + "_" + w.name(), "index on " + t + "." + w.name(),
                                List.of(ddl.createIndex(want, w)), List.of(ddl.dropIndex(want, w)))
                        : Step.derived("auto_noindex_" + t + "_" + w.name(), "no index on " + t + "." + w.name(),
                                List.of(ddl.dropIndex(want, w)), List.of(ddl.createIndex(want, w))));
            }
        }
        List<Column> removed = had.columns().stream().filter(h -> want.column(h.name()).isEmpty()).toList();
        for (Column h : removed) {
            Column renamedTo = added.stream().filter(a -> a.typeText().equals(h.typeText())).findFirst().orElse(null);
            lossy.add("field " + want.model() + "." + h.field() + " was removed" + (renamedTo == null ? ""
                    : " and " + renamedTo.field() + " added (a rename?)") + ", and column " + t + "." + h.name()
                    + " holds its data: ship a step that "
                    + (renamedTo == null ? "drops it (ALTER TABLE " + t + " DROP COLUMN " + h.name() + ")"
                            : "renames it (ALTER TABLE " + t + " RENAME COLUMN " + h.name() + " TO "
                                    + renamedTo.name() + ") or drops it")
                    + ", or restore the field");
        }
        for (Column w : added) {
            if (!w.nullable() && w.defaultValue() == null) {
                lossy.add("field " + want.model() + "." + w.field() + " is new and may not be null, but has no"
                        + " @Default for the rows " + t + " already holds: make it nullable (@Nullable, or a box"
                        + " type), give it a @Default, or ship a step that adds and fills column " + w.name());
                continue;
            }
            steps.add(Step.derived("auto_add_" + t + "_" + w.name(), "add column " + t + "." + w.name() + " for field "
                    + want.model() + "." + w.field(), ddl.addColumn(want, w), ddl.dropColumn(want, w)));
        }
    }

    /** The changes that lose nothing, in the order to apply them. */
    public List<Step> steps() {
        return steps;
    }

    /** Each change that needs a shipped step, in words an operator can act on; empty if none. */
    public List<String> lossy() {
        return lossy;
    }
}
