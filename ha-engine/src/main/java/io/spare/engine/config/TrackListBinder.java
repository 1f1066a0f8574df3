package io.spare.engine.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Binds {@code track_script} and {@code track_interface} lists, whose entries are a name or {@code
 * {name: x, weight: -10}} with a weight of -253..253. Whether a tracked check exists is checked
 * later, with the other names ({@link CrossReferences}).
 */
final class TrackListBinder {
    static final List<String> KEYS = List.of("name", "weight");
    static final int MAX_WEIGHT = 253;

    private final Diagnostics diagnostics;

    TrackListBinder(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
    }

    List<TrackedCheck> checks(List<Section.Item> items) {
        List<TrackedCheck> tracked = new ArrayList<>();
        for (Section.Item item : items) {
            trackEntry(item).ifPresent(entry -> tracked.add(new TrackedCheck(entry.name(), entry.weight())));
        }
        return tracked;
    }

    List<TrackedInterface> interfaces(List<Section.Item> items) {
        List<TrackedInterface> tracked = new ArrayList<>();
        for (Section.Item item : items) {
            trackEntry(item).ifPresent(entry -> {
                if (!InterfaceNames.valid(entry.name())) {
                    diagnostics.error(entry.namePath(), InterfaceNames.rule("track_interface", entry.name()));
                } else {
                    tracked.add(new TrackedInterface(entry.name(), entry.weight().orElse(0)));
                }
            });
        }
        return tracked;
    }

    private record TrackEntry(String name, String namePath, OptionalInt weight) {}

    // `name` or {name: x, weight: -10}
    private Optional<TrackEntry> trackEntry(Section.Item item) {
        if (item.value().isObject()) {
            Section entry = Section.open(item.value(), item.path(), diagnostics, KEYS);
            entry.rejectUnknownKeys();
            Optional<String> name = entry.requiredString("name");
            Optional<Integer> weight = entry.integer("weight", -MAX_WEIGHT, MAX_WEIGHT);
            boolean weightValid = !entry.has("weight") || weight.isPresent();
            return name.filter(n -> weightValid)
                    .map(n -> new TrackEntry(n, entry.path("name"), weight.map(OptionalInt::of).orElse(OptionalInt.empty())));
        }
        return new Scalars(diagnostics).nonEmptyString(item.value(), item.path())
                .map(n -> new TrackEntry(n, item.path(), OptionalInt.empty()));
    }
}
