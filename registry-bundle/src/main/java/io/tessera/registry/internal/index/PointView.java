package io.tessera.registry.internal.index;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.tessera.core.Contribution;
import io.tessera.core.Extensions;

/** The registry's {@link Extensions}: one point's contributions, sorted once when built. Immutable. */
public final class PointView implements Extensions<Object> {

    private final String point;
    private final List<Contribution<Object>> all;
    private final Optional<Contribution<Object>> winner;

    PointView(String point, List<ContributionRecord> sorted) {
        this.point = point;
        this.all = List.copyOf(sorted);
        this.winner = all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
    }

    /** No contribution to {@code point}. */
    public static PointView empty(String point) {
        return new PointView(point, List.of());
    }

    /** This view with {@code added} in its place in the order. */
    PointView with(ContributionRecord added) {
        List<ContributionRecord> out = records();
        out.add(added);
        out.sort(ContributionRecord.ORDER);
        return new PointView(point, out);
    }

    /** This view without the contributions of app {@code appId}; {@code null} when none is left. */
    PointView without(long appId) {
        List<ContributionRecord> out = records();
        out.removeIf(c -> c.appId() == appId);
        return out.isEmpty() ? null : new PointView(point, out);
    }

    /** Whether an app other than those in {@code leaving} contributes here. */
    public boolean hasOtherThan(Set<Long> leaving) {
        for (Contribution<Object> c : all) {
            if (!leaving.contains(((ContributionRecord) c).appId())) {
                return true;
            }
        }
        return false;
    }

    private List<ContributionRecord> records() {
        List<ContributionRecord> out = new ArrayList<>(all.size() + 1);
        for (Contribution<Object> c : all) {
            out.add((ContributionRecord) c);
        }
        return out;
    }

    @Override
    public String point() {
        return point;
    }

    @Override
    public List<Contribution<Object>> all() {
        return all;
    }

    @Override
    public Optional<Contribution<Object>> winner() {
        return winner;
    }

    @Override
    public String toString() {
        return point + all;
    }
}
