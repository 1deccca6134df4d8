/** Every service scales out above 70 % average CPU or 80 % average memory [001, 003], on EKS (HPA) and ECS (target tracking). */
export const TARGET_CPU_PERCENT = 70;
export const TARGET_MEMORY_PERCENT = 80;
