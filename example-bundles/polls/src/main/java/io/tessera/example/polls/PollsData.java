package io.tessera.example.polls;

import java.time.Instant;

import io.tessera.data.Data;
import io.tessera.data.Table;

/**
 * The polls' rows, through the data access API: the Django tutorial's question and its choices,
 * written the first time with a few votes, and the votes counted. Apart from {@link PollsApp} so that
 * the app runs without the data layer (its import is optional).
 */
final class PollsData {

    private PollsData() {
    }

    /** Seeds the first question if there is none; returns "N votes on M choices of Q questions". */
    static String votes(Data data) {
        Table<Question> questions = data.table(Question.class);
        Table<Choice> choices = data.table(Choice.class);
        if (questions.count() == 0) {
            data.runInTransaction(tx -> {
                Question q = questions.insert(new Question(0, "What's new?", Instant.now()));
                choices.insert(new Choice(0, q.id(), "Not much", 2));
                choices.insert(new Choice(0, q.id(), "The sky", 5));
            });
        }
        long votes = 0;
        for (Choice c : choices.list()) {
            votes += c.votes();
        }
        return votes + " votes on " + choices.count() + " choices of " + questions.count() + " questions";
    }
}
