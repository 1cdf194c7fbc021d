export declare const MAX_BODY_BYTES: number;
export declare const PROXY_BODY_COPY_BYTES: number;
export declare const OVER_MAX_BODY_LENGTH: string;
