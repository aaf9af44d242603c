// SELinux and audit facts: AVC denials from audit.log / ausearch, booleans, port types, sestatus.

export interface AvcDenial {
  /** 1-based line of the AVC record. */
  line: number;
  node?: string;
  /** As printed: epoch seconds (`1764320106.422`) in raw logs, `11/28/25 08:55:06.422` from ausearch -i. */
  time?: string;
  serial?: number;
  /** `denied` or `granted` (auditallow). */
  result: 'denied' | 'granted';
  permissions: string[];
  comm?: string;
  pid?: number;
  scontext?: string;
  tcontext?: string;
  /** The type field of each context (`haproxy_t`, `http_port_t`). */
  sourceType?: string;
  targetType?: string;
  tclass?: string;
  /** `dest=` (name_connect) and `src=` (name_bind) ports. */
  destPort?: number;
  srcPort?: number;
  /** `permissive=1`: logged but allowed (permissive domain or permissive mode). */
  permissive?: boolean;
  /** From the SYSCALL record of the same event, when present. */
  exe?: string;
  syscall?: string;
  success?: boolean;
}

export interface AuditEvent {
  serial: number;
  node?: string;
  time: string;
  /** Lines of the event's records, in file order. */
  lines: number[];
  types: string[];
}

export interface AuditLog {
  format: 'raw' | 'interpreted';
  recordCount: number;
  events: AuditEvent[];
  avcs: AvcDenial[];
}

export interface SelinuxBoolean {
  line: number;
  name: string;
  state: boolean;
  /** `semanage boolean -l` only: the policy default and description. */
  default?: boolean;
  description?: string;
}

export interface SelinuxPortType {
  line: number;
  type: string;
  protocol: string;
  /** Inclusive ranges; single ports have low === high. */
  ranges: { low: number; high: number }[];
}

export interface SelinuxStatus {
  /** `enabled` / `disabled` from `SELinux status:`. */
  status?: string;
  statusLine?: number;
  currentMode?: string;
  currentModeLine?: number;
  modeFromConfig?: string;
  policyName?: string;
  /** Every `Key: value` line, by key as printed. */
  fields: Record<string, { value: string; line: number }>;
  /** `sestatus -b` booleans section. */
  booleans: SelinuxBoolean[];
}
