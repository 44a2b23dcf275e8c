// Stream and consumer configurations as nats-server marshals them: Go's field
// order, omitempty fields left out when zero, nil pointers left out, map keys sorted.

import type {
  ConsumerConfig,
  RePublish,
  StreamConfig,
  StreamSource,
  SubjectTransformConfig,
} from './types.js';
import { goStruct } from './util.js';

/** The configuration in nats-server's field order, as it marshals StreamConfig. */
export function streamConfigJSON(config: StreamConfig): StreamConfig {
  const transform = (t: Partial<SubjectTransformConfig>): SubjectTransformConfig => ({
    src: t.src ?? '',
    dest: t.dest ?? '',
  });
  const source = (s: Partial<StreamSource>): StreamSource =>
    goStruct(
      {
        ...s,
        name: s.name ?? '',
        subject_transforms: s.subject_transforms?.map(transform),
        external: s.external && { api: s.external.api ?? '', deliver: s.external.deliver ?? '' },
      },
      [
        ['name', 'always'],
        ['opt_start_seq', 'omitempty'],
        ['opt_start_time', 'pointer'],
        ['filter_subject', 'omitempty'],
        ['subject_transforms', 'omitempty'],
        ['external', 'pointer'],
      ],
    );
  const out = goStruct(config, [
    ['name', 'always'],
    ['description', 'omitempty'],
    ['subjects', 'omitempty'],
    ['retention', 'always'],
    ['max_consumers', 'always'],
    ['max_msgs', 'always'],
    ['max_bytes', 'always'],
    ['max_age', 'always'],
    ['max_msgs_per_subject', 'always'],
    ['max_msg_size', 'omitempty'],
    ['discard', 'always'],
    ['storage', 'always'],
    ['num_replicas', 'always'],
    ['no_ack', 'omitempty'],
    ['template_owner', 'omitempty'],
    ['duplicate_window', 'omitempty'],
    ['placement', 'pointer'],
    ['mirror', 'pointer'],
    ['sources', 'omitempty'],
    ['compression', 'always'],
    ['first_seq', 'omitempty'],
    ['subject_transform', 'pointer'],
    ['republish', 'pointer'],
    ['allow_direct', 'always'],
    ['mirror_direct', 'always'],
    ['discard_new_per_subject', 'omitempty'],
    ['sealed', 'always'],
    ['deny_delete', 'always'],
    ['deny_purge', 'always'],
    ['allow_rollup_hdrs', 'always'],
    ['consumer_limits', 'always'],
    ['metadata', 'omitempty'],
  ]);
  if (out.mirror !== undefined) out.mirror = source(out.mirror);
  if (out.sources !== undefined) out.sources = out.sources.map(source);
  if (out.placement !== undefined) {
    out.placement = goStruct(out.placement, [
      ['cluster', 'omitempty'],
      ['tags', 'omitempty'],
    ]);
  }
  if (out.subject_transform !== undefined) out.subject_transform = transform(out.subject_transform);
  if (out.republish !== undefined) {
    const { src, dest = '', headers_only } = out.republish as Partial<RePublish>;
    out.republish = goStruct({ src, dest, headers_only }, [
      ['src', 'omitempty'],
      ['dest', 'always'],
      ['headers_only', 'omitempty'],
    ]);
  }
  out.consumer_limits = goStruct(out.consumer_limits, [
    ['inactive_threshold', 'omitempty'],
    ['max_ack_pending', 'omitempty'],
  ]);
  return out;
}

/** The configuration in nats-server's field order, as it marshals ConsumerConfig. */
export function consumerConfigJSON(config: ConsumerConfig): ConsumerConfig {
  return goStruct(config, [
    ['durable_name', 'omitempty'],
    ['name', 'omitempty'],
    ['description', 'omitempty'],
    ['deliver_policy', 'always'],
    ['opt_start_seq', 'omitempty'],
    ['opt_start_time', 'pointer'],
    ['ack_policy', 'always'],
    ['ack_wait', 'omitempty'],
    ['max_deliver', 'omitempty'],
    ['backoff', 'omitempty'],
    ['filter_subject', 'omitempty'],
    ['filter_subjects', 'omitempty'],
    ['replay_policy', 'always'],
    ['rate_limit_bps', 'omitempty'],
    ['sample_freq', 'omitempty'],
    ['max_waiting', 'omitempty'],
    ['max_ack_pending', 'omitempty'],
    ['idle_heartbeat', 'omitempty'],
    ['flow_control', 'omitempty'],
    ['headers_only', 'omitempty'],
    ['max_batch', 'omitempty'],
    ['max_expires', 'omitempty'],
    ['max_bytes', 'omitempty'],
    ['deliver_subject', 'omitempty'],
    ['deliver_group', 'omitempty'],
    ['inactive_threshold', 'omitempty'],
    ['num_replicas', 'always'],
    ['mem_storage', 'omitempty'],
    ['direct', 'omitempty'],
    ['metadata', 'omitempty'],
  ]);
}
