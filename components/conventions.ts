// Figures both compute platforms and the data stores must agree on: one copy each.

/** The user and group every service container runs as (EKS pods, ECS tasks) and that owns its EFS access points: never root. */
export const APP_USER = 10001;

/** The TLS policy of every HTTPS listener (the EKS Ingresses' ALBs, the ECS ALB): TLS 1.3, with 1.2 for older clients. */
export const LISTENER_TLS_POLICY = "ELBSecurityPolicy-TLS13-1-2-2021-06";
