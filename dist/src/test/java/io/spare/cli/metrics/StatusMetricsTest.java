package io.spare.cli.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.spare.cli.control.StatusFixtures;
import io.spare.engine.runtime.EngineStatus;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatusMetricsTest {
    @Test
    void everyInstanceCheckGroupAndNotifierIsExposedWithItsLabels() throws Exception {
        EngineStatus status = StatusFixtures.sample();
        String text = text(new StatusMetrics(() -> status).collect());

        assertThat(text).contains(
                "spare_vrrp_state{instance=\"VI_WEB\",interface=\"eth0\",vrid=\"51\",spare_vrrp_state=\"MASTER\"} 1\n",
                "spare_vrrp_state{instance=\"VI_WEB\",interface=\"eth0\",vrid=\"51\",spare_vrrp_state=\"BACKUP\"} 0\n",
                "spare_vrrp_state{instance=\"VI_DB\",interface=\"eth1\",vrid=\"52\",spare_vrrp_state=\"BACKUP\"} 1\n",
                "spare_vrrp_priority{instance=\"VI_DB\",interface=\"eth1\",vrid=\"52\"} 80.0\n",
                "spare_vrrp_configured_priority{instance=\"VI_DB\",interface=\"eth1\",vrid=\"52\"} 100.0\n",
                "spare_vrrp_holds_vips{instance=\"VI_WEB\",interface=\"eth0\",vrid=\"51\"} 1.0\n",
                "spare_vrrp_advert_interval_seconds{instance=\"VI_DB\",interface=\"eth1\",vrid=\"52\"} 0.1\n",
                "spare_vrrp_master_priority{instance=\"VI_DB\",interface=\"eth1\",master=\"10.99.1.2\",vrid=\"52\"} 120.0\n",
                "spare_vrrp_condition{condition=\"version_mismatch\",instance=\"VI_DB\",interface=\"eth1\",vrid=\"52\"} 1.0\n",
                "spare_vrrp_adverts_sent_total{instance=\"VI_WEB\",interface=\"eth0\",vrid=\"51\"} 42.0\n",
                "spare_vrrp_adverts_received_total{instance=\"VI_DB\",interface=\"eth1\",vrid=\"52\"} 7.0\n",
                "spare_vrrp_adverts_dropped_total{instance=\"VI_DB\",interface=\"eth1\",reason=\"auth\",vrid=\"52\"} 3.0\n",
                "spare_vrrp_interface_dropped_total{interface=\"eth1\",reason=\"unknown_vrid\"} 1.0\n",
                "spare_sync_group_state{group=\"G1\",spare_sync_group_state=\"BACKUP\"} 1\n",
                "spare_check_ok{check=\"chk_haproxy\"} 0.0\n",
                "spare_check_value{check=\"chk_haproxy\"} 2.0\n",
                "spare_check_last_duration_seconds{check=\"chk_haproxy\"} 0.0025\n",
                "spare_check_failures_total{check=\"chk_haproxy\"} 4.0\n",
                "spare_check_timeouts_total{check=\"chk_haproxy\"} 1.0\n",
                "spare_notify_failed_total{notifier=\"mail\"} 1.0\n",
                "spare_notify_queued{notifier=\"mail\"} 2.0\n");
        // a MASTER has no master to report, and the shared socket's counts are not split per instance
        assertThat(text).doesNotContain("spare_vrrp_master_priority{instance=\"VI_WEB\"", "channel_interface");
    }

    @Test
    void aDaemonWithNothingConfiguredExposesNothingRatherThanBrokenFamilies() throws Exception {
        String text = text(new StatusMetrics(() -> new EngineStatus(StatusFixtures.AT, List.of(), List.of(), List.of(), List.of())).collect());
        assertThat(text).isEmpty();
    }

    @Test
    void aStatusThatCannotBeTakenFailsTheScrapeInsteadOfReportingStaleValues() {
        StatusMetrics metrics = new StatusMetrics(() -> {
            throw new IllegalStateException("the event loop did not answer the status request");
        });
        assertThatThrownBy(metrics::collect).hasMessageContaining("did not answer");
    }

    private static String text(MetricSnapshots snapshots) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrometheusTextFormatWriter.create().write(out, snapshots);
        return out.toString(StandardCharsets.UTF_8);
    }
}
