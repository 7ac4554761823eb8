package io.tessera.data.internal.schema;

import static org.junit.Assert.assertEquals;

import java.util.List;

import org.junit.Test;

import io.tessera.data.internal.Dialect;

/** Each kind of change between two versions of an app's models: derived steps, or a lossy change named. */
public class SchemaDiffTest {

    private static SchemaDescription blog(Class<?> version) throws SchemaException {
        return ModelSchema.describe("blog", Fixtures.models("blog", version));
    }

    private static SchemaDiff diff(Class<?> from, Class<?> to) throws SchemaException {
        return SchemaDiff.between(blog(from), blog(to), Dialect.H2);
    }

    @Test
    public void noChangeNoSteps() throws Exception {
        SchemaDiff d = diff(Fixtures.V1.class, Fixtures.V1.class);
        assertEquals(List.of(), d.steps());
        assertEquals(List.of(), d.lossy());
    }

    @Test
    public void creationMakesEveryTableWithItsKeys() throws Exception {
        SchemaDiff d = SchemaDiff.creation(blog(Fixtures.V1.class), Dialect.H2);
        assertEquals(List.of("auto_create_blog_author", "auto_create_blog_post"), d.steps().stream().map(Step::id).toList());
        assertEquals(List.of("DROP TABLE IF EXISTS \"BLOG_POST\""), d.steps().get(1).undo());
    }

    @Test
    public void aForeignKeyToATableCreatedLaterInTheSetIsAddedAfterIt() throws Exception {
        SchemaDescription reversed = new SchemaDescription("blog",
                List.of(blog(Fixtures.V1.class).tables().get(1), blog(Fixtures.V1.class).tables().get(0)));
        SchemaDiff d = SchemaDiff.creation(reversed, Dialect.H2);
        assertEquals(List.of("auto_create_blog_post", "auto_create_blog_author", "auto_fk_blog_post_author"),
                d.steps().stream().map(Step::id).toList());
        assertEquals(List.of("ALTER TABLE \"BLOG_POST\" ADD CONSTRAINT \"BLOG_POST_AUTHOR_FK\" FOREIGN KEY (\"AUTHOR\")"
                + " REFERENCES \"BLOG_AUTHOR\" (\"ID\")"), d.steps().get(2).statements());
    }

    @Test
    public void additiveChangesAreStepsWithTheirUndo() throws Exception {
        SchemaDiff d = diff(Fixtures.V1.class, Fixtures.V2Additive.class);
        assertEquals(List.of(), d.lossy());
        assertEquals(List.of("auto_create_blog_tag", "auto_add_blog_author_email", "auto_index_blog_post_title",
                "auto_add_blog_post_likes"), d.steps().stream().map(Step::id).toList());
        Step email = d.steps().get(1);
        assertEquals(List.of("ALTER TABLE \"BLOG_AUTHOR\" ADD COLUMN \"EMAIL\" CHARACTER VARYING"), email.statements());
        assertEquals(List.of("ALTER TABLE \"BLOG_AUTHOR\" DROP COLUMN IF EXISTS \"EMAIL\""), email.undo());
        assertEquals(List.of("CREATE INDEX \"BLOG_POST_TITLE_IDX\" ON \"BLOG_POST\" (\"TITLE\")"),
                d.steps().get(2).statements());
        assertEquals(List.of("ALTER TABLE \"BLOG_POST\" ADD COLUMN \"LIKES\" INTEGER DEFAULT 0 NOT NULL"),
                d.steps().get(3).statements());
    }

    @Test
    public void aRemovedFieldIsLossy() throws Exception {
        SchemaDiff d = diff(Fixtures.V1.class, Fixtures.V2Removed.class);
        assertEquals(List.of(), d.steps());
        assertEquals(List.of("field blog.Post.views was removed, and column blog_post.views holds its data: ship a step"
                + " that drops it (ALTER TABLE blog_post DROP COLUMN views), or restore the field"), d.lossy());
    }

    @Test
    public void aRenamedFieldIsLossyAndTheAdviceSaysRename() throws Exception {
        SchemaDiff d = diff(Fixtures.V1.class, Fixtures.V2Renamed.class);
        assertEquals(List.of("field blog.Post.title was removed and headline added (a rename?), and column"
                + " blog_post.title holds its data: ship a step that renames it (ALTER TABLE blog_post RENAME COLUMN"
                + " title TO headline) or drops it, or restore the field",
                "field blog.Post.headline is new and may not be null, but has no @Default for the rows blog_post already"
                + " holds: make it nullable (@Nullable, or a box type), give it a @Default, or ship a step that adds"
                + " and fills column headline"), d.lossy());
    }

    @Test
    public void aRetypedFieldIsLossy() throws Exception {
        assertEquals(List.of("field blog.Post.views (column blog_post.views) changed type from INT to STRING: ship a"
                + " step that converts the column (ALTER TABLE blog_post ALTER COLUMN views ...), or restore the type"),
                diff(Fixtures.V1.class, Fixtures.V2Retyped.class).lossy());
    }

    @Test
    public void aFieldMadeNotNullIsLossyAndTheReverseIsAStep() throws Exception {
        assertEquals(List.of("field blog.Post.views (column blog_post.views) may no longer be null, and rows may hold"
                + " null there: ship a step that fills them and sets NOT NULL, or keep the field nullable"),
                diff(Fixtures.V1.class, Fixtures.V2NotNull.class).lossy());
        SchemaDiff back = diff(Fixtures.V2NotNull.class, Fixtures.V1.class);
        assertEquals(List.of(), back.lossy());
        assertEquals(List.of("ALTER TABLE \"BLOG_POST\" ALTER COLUMN \"VIEWS\" DROP NOT NULL"),
                back.steps().get(0).statements());
        assertEquals(List.of("ALTER TABLE \"BLOG_POST\" ALTER COLUMN \"VIEWS\" SET NOT NULL"), back.steps().get(0).undo());
    }

    @Test
    public void aNewNotNullFieldWithoutDefaultIsRefused() throws Exception {
        assertEquals(List.of("field blog.Post.slug is new and may not be null, but has no @Default for the rows"
                + " blog_post already holds: make it nullable (@Nullable, or a box type), give it a @Default, or ship"
                + " a step that adds and fills column slug"), diff(Fixtures.V1.class, Fixtures.V2NewNotNull.class).lossy());
    }

    @Test
    public void aRemovedModelAndAChangedReferenceAreLossy() throws Exception {
        assertEquals(List.of("field blog.Post.author (column blog_post.author) now refers to nothing instead of"
                + " blog_author: ship a step that changes its foreign key, or restore the @ModelRef",
                "model blog.Author was removed, and its table blog_author holds its rows: ship a step that drops it"
                + " (DROP TABLE blog_author) or renames it to the new model's table, or restore the model"),
                diff(Fixtures.V1.class, Fixtures.V2ModelRemoved.class).lossy());
    }
}
