package io.pressroom.domain.canvas;

import io.pressroom.domain.shared.Caller;
import io.pressroom.domain.shared.Page;
import io.pressroom.domain.shared.PageRequest;
import java.util.UUID;

/** Inbound port: members keep the canvas sizes they print on. */
public interface ManageCanvasConfigs {
    CanvasConfig create(Caller caller, Draft draft);

    CanvasConfig update(Caller caller, UUID id, Draft changes);

    CanvasConfig get(Caller caller, UUID id);

    Page<CanvasConfig> list(Caller caller, PageRequest page);

    void delete(Caller caller, UUID id);

    /**
     * Fields of a canvas config; on create {@code name}, {@code widthInches} and
     * {@code heightInches} are required and the rest default (300 dpi, 0.125 in spacing); on
     * update null leaves a field as it is.
     */
    record Draft(String name, Double widthInches, Double heightInches, Integer dpi, Double spacingWidthInches,
                 Double spacingHeightInches) {}
}
