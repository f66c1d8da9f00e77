package io.pressroom.domain.printjob;

/** Inbound port (run by Pressroom on a schedule): jobs whose agent stopped reporting go back to the queue. */
public interface SweepLapsedLeases {
    /** Returns how many jobs were swept. */
    int sweep();
}
