// Runs the real OpenTelemetry Alibaba Cloud detector, unmodified, and prints the attributes it
// detected as JSON. Started with `ip netns exec <instance namespace> node --import tsx …`, so it
// asks 100.100.100.200:80 exactly as on an ECS instance.
import { alibabaCloudEcsDetector } from '@opentelemetry/resource-detector-alibaba-cloud'

const resource = alibabaCloudEcsDetector.detect()
const out: Record<string, unknown> = {}
for (const [key, value] of Object.entries(resource.attributes ?? {})) {
  const v: unknown = await value
  if (v !== undefined) out[key] = v
}
process.stdout.write(JSON.stringify(out))
