import { authRoute } from "@/lib/auth";

export const { GET, POST } = authRoute;
